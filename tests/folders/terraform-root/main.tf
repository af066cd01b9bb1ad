provider "aws" {
  region = var.region
}

# Pinned: exact registry version, commit SHA, local path.
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.5.1"

  name = "${var.env}-vpc"
  cidr = "10.0.0.0/16"
  azs  = ["eu-west-1a", "eu-west-1b"]
}

module "dns" {
  source = "git::https://github.com/acme/terraform-dns.git?ref=4f2c9a1b7d3e5f60718293a4b5c6d7e8f9012345"
}

module "iam" {
  source = "./modules/iam"
}

# Not pinned.
module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.0"
}

module "cdn" {
  source = "github.com/acme/terraform-cdn?ref=v1.4.0"
}

module "alerts" {
  source = "git@github.com:acme/terraform-alerts.git"
}

module "legacy" {
  source = "s3::https://s3-eu-west-1.amazonaws.com/acme-modules/legacy.zip"
}

module "bastion" {
  source = "cloudposse/ec2-bastion-server/aws"
}
