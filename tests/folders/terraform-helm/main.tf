locals {
  jetstack = "https://charts.jetstack.io"
}

resource "helm_release" "redis" {
  name       = "redis"
  repository = "https://charts.bitnami.com/bitnami"
  chart      = "redis"
  version    = var.redis_version
}

resource "helm_release" "ingress" {
  name       = "ingress-nginx"
  repository = "https://kubernetes.github.io/ingress-nginx"
  chart      = "ingress-nginx"
  version    = var.ingress_version
}

resource "helm_release" "podinfo" {
  name  = "podinfo"
  chart = var.podinfo_chart
}

resource "helm_release" "cert_manager" {
  name       = "cert-manager"
  repository = local.jetstack
  chart      = "cert-manager"
  version    = var.cert_manager_version
}

resource "helm_release" "trust_manager" {
  name       = "trust-manager"
  repository = local.jetstack
  chart      = "trust-manager"
  version    = "v0.12.0"
}

resource "docker_container" "worker" {
  name  = "worker"
  image = var.worker_image
}
