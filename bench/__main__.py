from bench import catalog

catalog.main()
