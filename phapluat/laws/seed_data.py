"""The library shipped with the product, compressed: 208 laws up to 2022, the laws and decrees of 2023–2026
(as promulgated, byte for byte), the census of key laws, and known replacements by laws not yet shipped."""
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
CORPUS_ARCHIVE = DATA_DIR / "vlc-corpus.tar.xz"
CURRENT_ARCHIVE = DATA_DIR / "current-laws.tar.xz"
CENSUS = DATA_DIR / "census-93-laws.json.xz"
DOCUMENT_SOURCES = [CORPUS_ARCHIVE, CURRENT_ARCHIVE]
SEED_SOURCES = [*DOCUMENT_SOURCES, CENSUS]
