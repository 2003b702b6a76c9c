// OversightScreens
