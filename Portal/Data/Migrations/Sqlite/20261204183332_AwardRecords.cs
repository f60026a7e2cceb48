using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AwardRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AwardRecords",
                columns: table => new
                {
                    LotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AwardedBidId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AwardedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SmallMicroPriceDeduction = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    RankingJson = table.Column<string>(type: "TEXT", nullable: false),
                    NoticeJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardRecords", x => x.LotId);
                    table.ForeignKey(
                        name: "FK_AwardRecords_Lots_LotId",
                        column: x => x.LotId,
                        principalTable: "Lots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AwardRecords");
        }
    }
}
