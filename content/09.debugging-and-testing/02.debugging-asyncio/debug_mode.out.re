kitchen: 21\.5
WARNING:asyncio: Executing <Task finished name='Task-2' coro=<poll\(\) done, defined at debug_mode\.py:15> result=None created at \S+> took 0\.2\d\d seconds
garage: 21\.5
WARNING:asyncio: Executing <Task finished name='Task-3' coro=<poll\(\) done, defined at debug_mode\.py:15> result=None created at \S+> took 0\.2\d\d seconds
took 0\.5 s
