"""The Qt-free core: wire models, the API client, policies. Nothing here imports Qt."""
