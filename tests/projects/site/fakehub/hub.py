class PushToHubMixin:
    def push_to_hub(self, repo):
        return repo
