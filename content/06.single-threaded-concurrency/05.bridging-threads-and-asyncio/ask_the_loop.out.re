^one by one: \['ADA', 'BOB', 'CY', 'DEE'\] in (0\.[4-9]|1\.\d) s$
^all at once: \['ADA', 'BOB', 'CY', 'DEE'\] in 0\.[1-3] s$
^meanwhile the loop kept running: the ticker ticked \d+ times$
