"""Run named queries (`queries/*.sql`) and the werkbank's ad-hoc SQL within its budget."""
