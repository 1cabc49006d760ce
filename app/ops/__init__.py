"""Operations: online backups of the database (`flask backup`)."""
