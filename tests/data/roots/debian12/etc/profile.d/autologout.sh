# idle shells end after 10 minutes
declare -xr TMOUT=600
