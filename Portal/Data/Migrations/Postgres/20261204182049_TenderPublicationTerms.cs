using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TenderPublicationTerms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<TimeSpan>(
                name: "DecryptionWindow",
                table: "Tenders",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<decimal>(
                name: "SmallMicroPriceDeduction",
                table: "Tenders",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "StandstillPeriod",
                table: "Tenders",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            // Tenders published before terms were frozen keep the defaults they were scored with.
            migrationBuilder.Sql("""UPDATE "Tenders" SET "SmallMicroPriceDeduction" = 0.10, "StandstillPeriod" = interval '7 days', "DecryptionWindow" = interval '30 minutes' WHERE "Status" = 'Published';""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DecryptionWindow",
                table: "Tenders");

            migrationBuilder.DropColumn(
                name: "SmallMicroPriceDeduction",
                table: "Tenders");

            migrationBuilder.DropColumn(
                name: "StandstillPeriod",
                table: "Tenders");
        }
    }
}
