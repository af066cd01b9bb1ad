# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.40.0"
  constraints = "~> 5.40"
  hashes = [
    "h1:KEq5yCqzUWx5nVBAqtSVv9WvvCOsRbPJGb6MFSwCbh8=",
    "zh:11c2ee541ea1da4f1d3d7eb9d4c05a14e1a8c5d7ec1c3f8b0d2a5f6b7c8d9e0f",
    "zh:2b03a4ef7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2",
    "zh:9b12af85486a96aedd8d7984b0ff811a4b42e3d88dad1a3fb4c0b580d04fa425",
  ]
}

provider "registry.terraform.io/hashicorp/google" {
  version     = "5.21.0"
  constraints = "~> 5.0"
  hashes = [
    "zh:0b2a8a9e2c4d6f8a0b2c4d6e8f0a2b4c6d8e0f2a4b6c8d0e2f4a6b8c0d2e4f6a",
  ]
}

provider "registry.terraform.io/hashicorp/kubernetes" {
  version = "2.27.0"
  hashes = [
    "zh:3bdba30ae67b7ab1a7ff5c4a8e2bd4b2e8c4b7f5a1c3d5e7f9a1b3c5d7e9f1a3",
    "zh:4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b",
  ]
}

provider "registry.terraform.io/hashicorp/tls" {
  version     = "3.4.0"
  constraints = "~> 3.0"
  hashes = [
    "h1:fSRc/OyRitbAST9vE4mEi8hTrNNB4ufz0x1OhdFrvvM=",
    "zh:2442a0df0cfb550b8eba9b2af39ac06f54b62447181d511b8138f7b6a8e2ef9d",
  ]
}
