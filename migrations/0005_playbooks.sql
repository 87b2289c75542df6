-- Why: the playbook became a file the salesperson can change (crm rules use FILE). Each installed
-- version is kept, so a change can be traced and undone; the newest one is in force.
CREATE TABLE playbooks (
  version      INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  file         TEXT,                -- where it was installed from
  source       TEXT NOT NULL,       -- the YAML exactly as checked
  rules_json   TEXT NOT NULL,       -- the compiled rules, so no run has to parse YAML
  installed_on TEXT NOT NULL
);
