#!/usr/bin/env python
from phapluat.cli import main

if __name__ == "__main__":
    main()
