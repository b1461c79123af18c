class LearningError(Exception):
    """A request the rules refuse. `message` is Vietnamese and shown as is; `status` is the HTTP status."""

    status = 400

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message)
        self.message = message
        if status:
            self.status = status


class NotAllowed(LearningError):
    status = 403
