(first|second) read [0-3]
(first|second) read [0-3]
(first|second) read [0-3]
(first|second) read [0-3]
counter = [1-4] \(4 if no update was lost\)
