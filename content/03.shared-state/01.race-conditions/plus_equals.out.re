counter = [1-4] \(4 if no update was lost\)
