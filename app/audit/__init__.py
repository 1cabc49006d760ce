"""The audit trail: who did what to whom, when, with the values before and after."""
