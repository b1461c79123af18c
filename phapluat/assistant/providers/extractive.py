from ..answers import Answer, extractive_text


class ExtractiveProvider:
    """Selects and quotes; needs no model server and runs offline."""

    name = "extractive"

    def compose(self, answer: Answer) -> Answer:
        answer.text = extractive_text(answer.citations)
        answer.provider = self.name
        return answer
