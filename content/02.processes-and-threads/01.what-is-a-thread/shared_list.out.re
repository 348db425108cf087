threads alive while the helper runs: 2
MainThread \(process \d+\): starting a helper
Helper \(process \d+\): hello from the helper
MainThread \(process \d+\): the helper is done
