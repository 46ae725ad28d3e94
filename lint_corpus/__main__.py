from lint_corpus.cli import main

raise SystemExit(main())
