podinfo_chart = "oci://ghcr.io/stefanprodan/charts/podinfo@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac"
ingress_version = "4.10.1"
