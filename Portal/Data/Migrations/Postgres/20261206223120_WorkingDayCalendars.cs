using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WorkingDayCalendars : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WorkingDayCalendars",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    days = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkingDayCalendars", x => x.Year);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkingDayCalendars");
        }
    }
}
