import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Where the catalog came from, as the bulk loaders record it in `dataset_loads`. */
@Injectable()
export class DatasetLoadsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * True when the latest bulk load was the bundled demo data: models trained on it are demo
   * models. A MovieLens import on top of the demo makes the data real.
   */
  async isDemo(): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT source FROM dataset_loads ORDER BY loaded_at DESC, id DESC LIMIT 1`,
    );
    return row?.source === 'demo';
  }
}
