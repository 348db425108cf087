# Find a schedule under which "Two threads, you schedule them" loses an update, and put it here.
# Step through that runner, and once the program has printed a counter below 4, copy the
# "Schedule so far" string from the panel (its Copy button does it).
SCHEDULE = ""
