from lintdock.cli import main

main()
