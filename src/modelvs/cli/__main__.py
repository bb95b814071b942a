from modelvs.cli import main

main()
