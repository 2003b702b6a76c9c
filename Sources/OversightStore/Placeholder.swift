// OversightStore
