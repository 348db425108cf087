tea: start
coffee: start
cocoa: start
coffee: done after 0\.1 s
tea: done after 0\.2 s
cocoa: done after 0\.3 s
\['tea', 'coffee', 'cocoa'\]
total: 0\.[345] s
