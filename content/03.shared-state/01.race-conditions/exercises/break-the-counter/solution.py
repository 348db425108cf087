#| starter
# # Find a schedule under which "Two threads, you schedule them" loses an update, and put it here.
# # Step through that runner, and once the program has printed a counter below 4, copy the
# # "Schedule so far" string from the panel (its Copy button does it).
# SCHEDULE = ""
#| solution
# Thread 1 reads counter (0) and prints it; at the switch point after print returns, the main thread takes the
# GIL (0) and starts thread 2, which runs to the end (2); then thread 1 writes its stale value + 1.
SCHEDULE = "gil:1x2,0,2"
#| end
