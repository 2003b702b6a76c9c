// OversightRuntime
