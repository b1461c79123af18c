import gc
import sys

from phapluat.core.runtime import settle_for_serving


def test_a_serving_process_loads_its_urls_and_leaves_what_is_loaded_out_of_the_collectors_walks():
    try:
        settle_for_serving()
        assert "phapluat.urls" in sys.modules
        assert gc.get_freeze_count() > 10_000  # Django, Wagtail and our apps: far more in practice
    finally:
        gc.unfreeze()  # the rest of the test session collects as usual
