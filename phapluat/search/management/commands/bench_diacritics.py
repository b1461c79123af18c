"""`phapluat bench diacritics [--held-out N]`: share of syllables restored correctly on articles of the library
the model did not learn from (every Nth article held back), beside keeping each syllable's commonest form."""
import time

from django.core.management.base import BaseCommand

from phapluat.search.diacritics import EVERYDAY_PHRASES, EVERYDAY_WEIGHT, DiacriticsModel
from phapluat.search.models import EntryKind, SearchEntry
from phapluat.search.text import fold, words


class Command(BaseCommand):
    help = "Đo tỷ lệ âm tiết được khôi phục dấu đúng trên các điều luật không dùng để học."

    def add_arguments(self, parser):
        parser.add_argument("--held-out", type=int, default=10, help="Giữ lại mỗi điều thứ N để đo (mặc định 10).")
        parser.add_argument("--limit", type=int, default=300, help="Số điều giữ lại tối đa được đo.")

    def handle(self, *args, held_out, limit, **options):
        rows = list(SearchEntry.objects.filter(kind=EntryKind.ARTICLE).order_by("id").values_list("heading", "body"))
        learn = [f"{h}\n{b}" for i, (h, b) in enumerate(rows) if i % held_out]
        test = [f"{h}\n{b}" for i, (h, b) in enumerate(rows) if not i % held_out][:limit]
        everyday = EVERYDAY_PHRASES.read_text(encoding="utf-8").splitlines() * EVERYDAY_WEIGHT
        model = DiacriticsModel.learn(learn + everyday)
        total = right = commonest = 0
        started = time.perf_counter()
        for text in test:
            truth = [w for w in words(text)]
            for start in range(0, len(truth), 30):  # sentences of ~30 syllables, as questions are short
                chunk = truth[start:start + 30]
                restored = model.restore_words([fold(w) for w in chunk])
                total += len(chunk)
                right += sum(a == b for a, b in zip(restored, chunk))
                commonest += sum(model.forms.get(fold(w), [w])[0] == w for w in chunk)
        seconds = time.perf_counter() - started
        self.stdout.write(f"Học từ {len(learn)} điều, đo trên {len(test)} điều giữ lại: {total} âm tiết.")
        self.stdout.write(f"  khôi phục đúng (bigram + Viterbi): {right / max(1, total):.4f}")
        self.stdout.write(f"  dạng phổ biến nhất của mỗi âm tiết (đường cơ sở): {commonest / max(1, total):.4f}")
        self.stdout.write(f"  {seconds * 1000 / max(1, total / 30):.2f} ms cho mỗi đoạn 30 âm tiết")
