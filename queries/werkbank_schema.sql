-- One row per column of every table and view an analyst can query, with its type and meaning.
with objects as (
    select table_name as object, 'tabel' as kind, comment as object_comment from duckdb_tables()
    union all
    select view_name, 'view', comment from duckdb_views() where not internal
),
final as (
    select o.object, o.kind, o.object_comment, c.column_name, c.data_type, c.comment as column_comment, c.column_index
    from objects as o
    join duckdb_columns() as c on c.table_name = o.object
)
select * from final
order by kind desc, object, column_index
