module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.8.1"

  name = "shop"
  cidr = "10.20.0.0/16"
}

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.0"

  cluster_name = "shop"
  vpc_id       = module.vpc.vpc_id
}

module "dns" {
  source = "git::https://github.com/acme/terraform-dns.git?ref=3f1c2a9d8e7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d"
  zone   = "shop.acme.dev"
}

resource "random_password" "db" {
  length = 32
}
