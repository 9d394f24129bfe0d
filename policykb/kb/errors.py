class FixtureError(Exception):
    """A fixture problem, always naming the file, the record and the field."""

    def __init__(self, file, record, field, message):
        self.file = str(file)
        self.record = record
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self):
        return f"{self.file}: record '{self.record}', field '{self.field}': {self.message}"
