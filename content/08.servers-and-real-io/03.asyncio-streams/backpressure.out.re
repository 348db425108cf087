write\(\) returned; more than 64 KiB waits in the writer's buffer: True
drain\(\) still waiting after 0\.2 s: nobody reads
drain\(\) returned; at most 16 KiB still buffered: True
server read 40 MB
