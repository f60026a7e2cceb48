using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BidDeclaredSizeClass : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SizeClass",
                table: "Bids",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "");

            // Bids placed before this column existed take their supplier's size class at the time of the migration.
            migrationBuilder.Sql(
                "UPDATE \"Bids\" SET \"SizeClass\" = (SELECT \"SizeClass\" FROM \"Suppliers\" WHERE \"Suppliers\".\"Id\" = \"Bids\".\"SupplierId\")");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SizeClass",
                table: "Bids");
        }
    }
}
