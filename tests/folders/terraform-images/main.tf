locals {
  registry = "ghcr.io/acme"
  api      = "${local.registry}/api:${var.api_version}"
}

resource "kubernetes_deployment_v1" "api" {
  spec {
    template {
      spec {
        container {
          name  = "api"
          image = local.api
        }
        container {
          name  = "proxy"
          image = var.proxy_image
        }
        container {
          name  = "metrics"
          image = "${local.registry}/metrics@${var.metrics_digest}"
        }
        init_container {
          name  = "migrate"
          image = var.migrate_image
        }
      }
    }
  }
}

resource "docker_container" "worker" {
  name  = "worker"
  image = "${local.registry}/worker:${var.worker_tag}"
}
