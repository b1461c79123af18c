"""Accessibility checks: axe-core in headless Chromium (see axe_check.js and portal/tests/test_accessibility.py)."""
