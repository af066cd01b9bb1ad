terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "shop/prod.tfstate"
    region = "eu-west-1"
  }
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.8"
  name    = "shop-prod"
  cidr    = "10.20.0.0/16"
}

module "cluster" {
  source = "git::https://github.com/acme/terraform-eks-cluster.git?ref=main"
  vpc_id = module.vpc.vpc_id
}

module "dns" {
  source = "git::https://github.com/acme/terraform-dns.git?ref=4f1c2a7b9d3e8f60a1b2c3d4e5f60718293a4b5c"
  zone   = "shop.example.com"
}

module "monitoring" {
  source  = "acme/monitoring/aws"
  version = var.monitoring_version
}
