"""Run the game with ``python -m game``."""

from game.launch import main

raise SystemExit(main())
