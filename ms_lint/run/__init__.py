"""Running ms-lint over files: config files, discovery, the cache, worker processes, --fix on disk,
and the command."""
