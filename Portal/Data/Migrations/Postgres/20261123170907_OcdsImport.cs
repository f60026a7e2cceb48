using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OcdsImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ImportedFrom",
                table: "Tenders",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ocid",
                table: "Tenders",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "CreditCode",
                table: "Suppliers",
                type: "character(18)",
                fixedLength: true,
                maxLength: 18,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character(18)",
                oldFixedLength: true,
                oldMaxLength: 18);

            migrationBuilder.AddColumn<string>(
                name: "ImportedFrom",
                table: "Suppliers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImportedPartyId",
                table: "Suppliers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ImportedReleases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Ocid = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReleaseId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TenderId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportedReleases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportedReleases_Tenders_TenderId",
                        column: x => x.TenderId,
                        principalTable: "Tenders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tenders_Ocid",
                table: "Tenders",
                column: "Ocid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Suppliers_ImportedPartyId",
                table: "Suppliers",
                column: "ImportedPartyId");

            migrationBuilder.CreateIndex(
                name: "IX_ImportedReleases_Ocid_ReleaseId",
                table: "ImportedReleases",
                columns: new[] { "Ocid", "ReleaseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImportedReleases_TenderId",
                table: "ImportedReleases",
                column: "TenderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportedReleases");

            migrationBuilder.DropIndex(
                name: "IX_Tenders_Ocid",
                table: "Tenders");

            migrationBuilder.DropIndex(
                name: "IX_Suppliers_ImportedPartyId",
                table: "Suppliers");

            migrationBuilder.DropColumn(
                name: "ImportedFrom",
                table: "Tenders");

            migrationBuilder.DropColumn(
                name: "Ocid",
                table: "Tenders");

            migrationBuilder.DropColumn(
                name: "ImportedFrom",
                table: "Suppliers");

            migrationBuilder.DropColumn(
                name: "ImportedPartyId",
                table: "Suppliers");

            migrationBuilder.AlterColumn<string>(
                name: "CreditCode",
                table: "Suppliers",
                type: "character(18)",
                fixedLength: true,
                maxLength: 18,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character(18)",
                oldFixedLength: true,
                oldMaxLength: 18,
                oldNullable: true);
        }
    }
}
