class SaveMixin:
    def save(self, path):
        return path
