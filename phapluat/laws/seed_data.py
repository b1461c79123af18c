"""The corpus shipped with the product, compressed: 208 laws and the census of key laws."""
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
CORPUS_ARCHIVE = DATA_DIR / "vlc-corpus.tar.xz"
CENSUS = DATA_DIR / "census-93-laws.json.xz"
SEED_SOURCES = [CORPUS_ARCHIVE, CENSUS]
