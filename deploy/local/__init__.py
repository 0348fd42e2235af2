"""Deployment: the local one-command stack, production compose and Kubernetes."""
