"""Units: the tree of agencies, schools and wards that learners belong to and managers oversee."""
