import OversightCLI
OversightCommand.main()
