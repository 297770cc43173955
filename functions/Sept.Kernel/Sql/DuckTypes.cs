using System.Globalization;
using DuckDB.NET.Data;
using Sept.Kernel.Formatting;

namespace Sept.Kernel.Sql;

/// <summary>CLR ↔ DuckDB mapping for registered tables and bound parameters.</summary>
internal static class DuckTypes
{
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Column(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "BOOLEAN",
            TypeCode.SByte or TypeCode.Byte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64
                when !type.IsEnum => "BIGINT",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal or TypeCode.UInt64 => "DOUBLE",
            TypeCode.DateTime => "TIMESTAMP",
            _ when type == typeof(DateOnly) => "DATE",
            _ when type == typeof(byte[]) => "BLOB",
            _ => "VARCHAR",
        };
    }

    public static void Append(IDuckDBAppenderRow row, object? value, Type declared)
    {
        if (value is null or DBNull)
        {
            row.AppendNullValue();
            return;
        }
        switch (Column(value.GetType() == declared || declared == typeof(object) ? value.GetType() : declared))
        {
            case "BOOLEAN": row.AppendValue((bool)value); break;
            case "BIGINT": row.AppendValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case "DOUBLE": row.AppendValue(Convert.ToDouble(value, CultureInfo.InvariantCulture)); break;
            case "TIMESTAMP": row.AppendValue((DateTime)value); break;
            case "DATE": row.AppendValue((DateOnly)value); break;
            case "BLOB": row.AppendValue((byte[])value); break;
            default: row.AppendValue(JsonValues.Text(value)); break;
        }
    }

    /// <summary>A notebook value as a bound parameter. Collections are tables, not parameters.</summary>
    public static object Parameter(object? value) => value switch
    {
        null => DBNull.Value,
        Enum e => e.ToString(),
        char c => c.ToString(),
        _ => value,
    };
}
