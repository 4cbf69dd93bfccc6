"""One answer editor per prompt kind; each posts :class:`~screens.editors.base.AnswerEdited`."""
