// OversightWorkbench
