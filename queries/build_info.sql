-- The one row of the build: the data version (a short hash of the validated source data) and when it was built.
select data_version, built_at
from build_info
